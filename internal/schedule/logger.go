package schedule

import "log/slog"

// cronLogger adapts slog to cron.Logger. cron's routine messages (wake,
// run, schedule, skip) go out at Debug level, its errors (a recovered
// panic) at Error level.
type cronLogger struct{ l *slog.Logger }

// Info logs a routine cron event at Debug level.
func (c cronLogger) Info(msg string, keysAndValues ...any) {
	c.l.Debug("cron: "+msg, keysAndValues...)
}

// Error logs a cron error.
func (c cronLogger) Error(err error, msg string, keysAndValues ...any) {
	c.l.Error("cron: "+msg, append([]any{"err", err}, keysAndValues...)...)
}

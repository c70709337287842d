package validate

import "fmt"

// Profiles returns the names of the known profiles, the default first.
func Profiles() []string { return []string{ProfileSE301} }

// DefaultProfile is the profile `katalog validate` uses without --profile.
const DefaultProfile = ProfileSE301

// Lookup returns the profile called name.
func Lookup(name string) (Profile, error) {
	switch name {
	case ProfileSE301:
		return DCATAPSE301(), nil
	}
	return Profile{}, fmt.Errorf("validate: unknown profile %q (known: %v)", name, Profiles())
}

package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/katalog-se/katalog/internal/register"
)

func (a *app) agenciesCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "agencies", Short: "Manage the agency register"}
	var skipInvalid bool
	imp := &cobra.Command{
		Use:   "import FILE.csv",
		Short: "Load an agency register (org number, names, size, department, group, active flag) from CSV",
		Long: `Load an agency register from CSV with a header row. Recognised columns:
org_nr (required), name (required), name_en, short_name, department,
size_class_by_fte or size_class, fte or staff, scb_group or group, website, email,
publisher_type, active_in_2025_list or active (yes/no; without the column every
agency is active). Inactive (dissolved) agencies are kept but left out of
reports. Existing agencies keep their tokens and settings; their register
facts are updated. All rows load in one transaction, or none do.

Exit codes: 0 loaded, 1 rejected rows (nothing written), 2 usage or unreadable file.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := a.config()
			if err != nil {
				return err
			}
			f, err := os.Open(args[0])
			if err != nil {
				return usageErr("%v", err)
			}
			defer f.Close()
			agencies, bad, err := register.Parse(f, skipInvalid)
			if err != nil {
				var rows register.Errors
				if errors.As(err, &rows) {
					return rejected(fmt.Errorf("%s: %d bad rows, nothing written:\n%w", args[0], len(rows), err))
				}
				return usageErr("%s: %v", args[0], err)
			}
			st, err := a.openStore(c)
			if err != nil {
				return err
			}
			defer st.Close()
			w, err := a.cliWrites(c, st, nil)
			if err != nil {
				return err
			}
			created, updated, err := w.ImportRegister(a.ctx, agencies)
			if err != nil {
				return err
			}
			inactive := 0
			for i := range agencies {
				if !agencies[i].Active {
					inactive++
				}
			}
			l := a.lang()
			fmt.Fprintf(a.stdout, "%s (%d %s): %d %s, %d %s, %d %s", l.Count(len(agencies), "myndighet", "myndigheter", "agency", "agencies"),
				inactive, l.Pick("inaktiva", "inactive"), created, l.Pick("nya", "created"), updated, l.Pick("ändrade", "updated"),
				len(agencies)-created-updated, l.Pick("oförändrade", "unchanged"))
			if len(bad) > 0 {
				fmt.Fprintf(a.stdout, ", %s %s:\n%v", l.Count(len(bad), "rad", "rader", "row", "rows"), l.Pick("utelämnade", "left out"), bad)
			}
			fmt.Fprintln(a.stdout)
			return nil
		},
	}
	imp.Flags().BoolVar(&skipInvalid, "skip-invalid", false, "leave out bad rows (and list them) instead of rejecting the file")
	cmd.AddCommand(imp)
	return cmd
}

"""Permissions of the regions app beyond the model permissions accounts/rules.py grants staff."""

import rules

from accounts.rules import is_permas_staff

rules.add_perm("regions.view_screening", is_permas_staff)
rules.add_perm("regions.import_criteria", is_permas_staff)
rules.add_perm("regions.change_screening_rules", is_permas_staff)

"""Who may see issued documents: Dit Permas staff in the admin; everyone on the public verification page."""

import rules

from accounts.rules import is_permas_staff

rules.add_perm("reports.view_issueddocument", is_permas_staff)
# The verification page is public: anybody holding a printed copy may check it.
rules.add_perm("reports.verify_document", rules.always_allow)

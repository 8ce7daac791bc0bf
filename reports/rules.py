"""Who may see issued documents: Dit Permas staff in the admin; everyone on the public verification page."""

import rules

# Staff read issued documents (``reports.view_issueddocument``): accounts/rules.py, STAFF_PERMISSIONS.
# The verification page is public: anybody holding a printed copy may check it.
rules.add_perm("reports.verify_document", rules.always_allow)

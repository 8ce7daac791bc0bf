"""The views of the reports app: the public verification page, and the documents (issue, download,
draft) of the plenary, the announcements and the programme year."""

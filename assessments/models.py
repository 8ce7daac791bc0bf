# Programme years, frameworks, candidates, teams, scores, evidence and the plenary arrive with later issues.

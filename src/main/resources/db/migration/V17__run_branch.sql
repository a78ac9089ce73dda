-- The branch a run built (GitHub's workflow_run.head_branch) and whether it is its repository's default branch (and
-- not a fork's branch of the same name). A pull request's failing run must not make the main line's pipeline failing:
-- health judges the default branch's runs unless the pipeline names another (interlock.dev/github-branch). NULL for
-- runs of formats that carry no branch, and for runs stored before: they are judged as before.
ALTER TABLE runs ADD COLUMN branch VARCHAR(255);
ALTER TABLE runs ADD COLUMN branch_is_default BOOLEAN;

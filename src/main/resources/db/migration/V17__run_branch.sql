-- The branch a run built (GitHub's workflow_run.head_branch) and what it is: main (the repository's default branch, or
-- a run no branch started: a release, a schedule), other (a push to another branch or a tag) or proposal (a pull
-- request's run, the merge queue's, a fork's). A pull request's failing run must not make the main line's pipeline
-- failing: health judges main runs unless the pipeline names a branch (interlock.dev/github-branch). NULL for runs of
-- formats that carry no branch, and for runs stored before: they are judged as before.
ALTER TABLE runs ADD COLUMN branch VARCHAR(255);
ALTER TABLE runs ADD COLUMN branch_kind VARCHAR(16);

-- +goose Up
-- A job referral names the posting it refers to. Once done, it fills one
-- of the posting's openings: job matching stops offering a posting whose
-- openings are all filled by referrals.
ALTER TABLE case_actions ADD COLUMN job_source_id text;
CREATE INDEX case_actions_filled_idx ON case_actions (job_source_id)
    WHERE kind = 'JOB_REFERRAL' AND done_on IS NOT NULL AND job_source_id IS NOT NULL;

-- +goose Down
DROP INDEX case_actions_filled_idx;
ALTER TABLE case_actions DROP COLUMN job_source_id;

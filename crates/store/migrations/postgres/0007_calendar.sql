-- The administrators' reminder that a year's working calendar is not confirmed: one row per
-- year and reminder week (counted from 1 October of the year before), so that however many
-- workers look, each week's reminder goes once.
CREATE TABLE calendar_reminders (
    year INTEGER NOT NULL,
    week BIGINT NOT NULL,
    sent_at TEXT NOT NULL,
    PRIMARY KEY (year, week)
);

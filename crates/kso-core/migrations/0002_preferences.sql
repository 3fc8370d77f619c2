-- Version 2: device preferences (interface language) and employee sort index.
CREATE TABLE preference (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE INDEX employee_name ON employee (last_name, first_name);

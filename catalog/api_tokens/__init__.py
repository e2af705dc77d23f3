"""API tokens: named, scoped, expiring credentials a school's or district's system sends instead of a session."""

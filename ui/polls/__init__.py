"""Class polls: the lecturer's panel beside a tour question, and the students' answer page."""

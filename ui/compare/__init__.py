"""The Compare page's pieces: groups of saved and own runs, uploads, charts and the reading."""

"""Guided tours: a lecturer's sequence of pages, settings, narration and questions for the room."""

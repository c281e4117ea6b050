"""The Exercises page's sections: one module per exercise of d2l's Dropout chapter, and what they share."""

"""English word lists for quotation, speaker and entity rules."""

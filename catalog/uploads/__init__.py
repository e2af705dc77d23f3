"""What schools send: single and bulk uploads, large files, the metadata form."""

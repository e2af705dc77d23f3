"""Harvesting: the published catalog offered to other systems over OAI-PMH 2.0."""

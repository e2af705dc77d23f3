"""The HTML pages' blueprints: teachers, resources, schools, curation."""

"""Actions and their chasing arrive with the actions register issue."""

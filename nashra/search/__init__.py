"""Reader search over published stories."""

"""Running the site: the server with its scheduler, and operator commands."""

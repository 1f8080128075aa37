"""Reader comments: the comments block of the article page, its policy and form."""

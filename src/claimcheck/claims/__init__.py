"""Claims: what to check, from the article itself (`from_article`) and from `claims.toml` (`from_toml`)."""

"""plankg subpackage."""

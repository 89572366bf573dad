"""Curated reference tables (CSV) shipped with unvote: member states and their spellings."""

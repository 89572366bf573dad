"""unvote.charter"""

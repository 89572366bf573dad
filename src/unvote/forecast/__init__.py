"""unvote.forecast"""

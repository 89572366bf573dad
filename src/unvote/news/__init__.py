"""unvote.news"""

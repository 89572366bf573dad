"""unvote.web"""

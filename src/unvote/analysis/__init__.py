"""unvote.analysis"""

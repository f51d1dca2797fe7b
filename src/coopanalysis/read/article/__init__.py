"""read/article"""

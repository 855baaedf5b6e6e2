"""Matching a claim against what the desk already knows: published fact-checks and its own claims.

Pure code, no database: the services layer fetches candidates with the database's full-text index
(the first stage), and this package scores them (the second stage). ``text`` reads queries and
documents, ``vectors`` turns text into static embeddings, ``rerank`` holds the learned model.
"""

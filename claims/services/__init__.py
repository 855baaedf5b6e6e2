"""Use cases: one function per editor action.

Each takes a Session from the caller (who owns the transaction), queries through the models,
returns model objects or plain data, and never prints. Errors an editor can act on are raised
as ``claims.errors.ClaimsError``.
"""

"""The desk's rules, pure: no database, no terminal, no clock.

``claims.domain.claim`` says what each event does to a claim (``apply``, ``replay``);
``claims.domain.rules`` decides which events an editor's command causes, or refuses it;
``claims.domain.editors`` keeps the rules of the editor list. The services, ``claims import``
and ``claims db verify`` all go through them.
"""

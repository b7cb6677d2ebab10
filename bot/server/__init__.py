"""Everything that plugs into the Rasa server.

The REST channel, the web pages, the messaging connectors, the tokenizer, the
tracker store, endpoints, and the one module that patches Rasa internals
(``bot.server.patches``).
"""

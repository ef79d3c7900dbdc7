"""Braiins OS on Antminers: BOSminer (RPC and SSH), BOS+ GraphQL and the public REST API."""

"""Wire transports: CGMiner RPC (TCP 4028) and HTTP; each maps wire failures to driver errors."""

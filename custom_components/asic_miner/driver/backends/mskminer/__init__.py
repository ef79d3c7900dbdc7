"""MSKMiner, an aftermarket Antminer firmware: BMMiner's RPC on 4028, a web API on 80."""

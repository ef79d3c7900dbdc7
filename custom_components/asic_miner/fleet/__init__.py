"""The fleet: a config entry that groups miner entries, sums them and spends a power budget.

``coordinator`` reads the members from their own coordinators (no extra polls), follows
the budget sensor and the price, asks ``power.planner`` for a plan and carries it out
through each member's power lever. The platforms show the sums, the budget and the plan.
"""

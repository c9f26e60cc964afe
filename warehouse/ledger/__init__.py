"""Legacy registration ledgers (登记台账): reading, normalising and importing them."""

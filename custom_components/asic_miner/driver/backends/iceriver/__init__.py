"""IceRiver's own firmware (KS0 … KS5M on kHeavyHash, AL3 on Blake3): its web panel."""

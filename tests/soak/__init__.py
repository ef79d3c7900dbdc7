"""The soak run: many config entries polled for minutes while miners misbehave."""

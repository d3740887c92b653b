"""Running the portal in production: health, outages, abuse limits, framing, backups."""

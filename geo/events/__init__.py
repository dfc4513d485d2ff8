"""What happened where: dates, attribution and claims, event extraction, corpus merge, corrections."""

"""The demo's data drawn from the seed documents (../shared/seeds), as Python literals."""

"""The Flask app: config, the cookie session, forms, the journey, the preview, guards."""

"""What every app's API uses: serializers' bases, pagination, negotiation, CSV, authentication, schema."""

# The URL namespace of the API's router (config/api_urls.py); brief serializers link into it.
NAMESPACE = "api"

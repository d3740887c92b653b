"""djangorestframework-gis serializers: for single features, where speed does not matter.

They produce the same Feature as the SQL in clusters/geojson/ (the tests
compare the two); the list goes through that SQL because this serializer is
tens of times slower for thousands of features (see bench/api_geojson.py).
"""

from datetime import timezone

from rest_framework import serializers
from rest_framework_gis.fields import GeometryField
from rest_framework_gis.serializers import GeoFeatureModelSerializer

from clusters.constants import DECIMALS
from clusters.models import Cluster, Governorate, Sector
from clusters.programmes.selectors import programme_slugs_by_cluster, support_public_records_for_cluster


class SectorBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Sector
        fields = ("slug", "name_ar", "name_en", "color")


class GovernorateBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Governorate
        fields = ("iso_code", "name_ar", "name_en")


class ClusterFeatureSerializer(GeoFeatureModelSerializer):
    """A cluster as a GeoJSON Feature; context["page_url_prefix"] + slug + "/" is its url."""

    location = GeometryField(precision=DECIMALS)
    sector = SectorBriefSerializer()
    governorate = GovernorateBriefSerializer()
    updated_at = serializers.DateTimeField(format="%Y-%m-%dT%H:%M:%SZ", default_timezone=timezone.utc)
    url = serializers.SerializerMethodField()
    aliases = serializers.SerializerMethodField()
    sources = serializers.ListField(child=serializers.CharField())
    programmes = serializers.SerializerMethodField()

    class Meta:
        model = Cluster
        geo_field = "location"
        id_field = False
        fields = (
            "slug", "name_ar", "name_en", "aliases", "sector", "governorate", "locality_ar", "locality_en",
            "location_precision", "enterprises", "employment", "products_ar", "products_en",
            "description_ar", "description_en", "sources",
            "updated_at", "programmes", "url", "location",
        )

    def get_programmes(self, cluster) -> list[str]:
        return programme_slugs_by_cluster([cluster.pk]).get(cluster.pk, [])

    def get_aliases(self, cluster) -> list[str]:
        # Kept one per line; the SQL path (clusters.geojson.columns.ALIASES_ARRAY) splits them the same way.
        return [alias.strip() for alias in cluster.aliases.split("\n") if alias.strip()]

    def get_url(self, cluster) -> str:
        return f"{self.context['page_url_prefix']}{cluster.slug}/"

    def to_representation(self, instance):
        feature = super().to_representation(instance)
        # The slug is the id, and it stays a property too, as in the SQL path.
        return {"type": "Feature", "id": instance.slug, "geometry": feature["geometry"],
                "properties": feature["properties"]}


class ClusterDetailSerializer(ClusterFeatureSerializer):
    """One cluster, with its footprint (GeoJSON or null) as a property."""

    footprint = GeometryField(precision=DECIMALS, allow_null=True)
    support = serializers.SerializerMethodField()

    class Meta(ClusterFeatureSerializer.Meta):
        fields = ClusterFeatureSerializer.Meta.fields + ("footprint", "support")

    def get_support(self, cluster) -> list[dict]:
        return support_public_records_for_cluster(cluster)

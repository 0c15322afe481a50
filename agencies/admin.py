"""Admin pages for people, agencies and memberships, with search."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from audit.guarded import GuardedDeletionMixin
from core.fields import TEXT_LIMIT, LineField, TextField

from . import mfa, services
from .models import Agency, Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["agency", "user"]


class PersonNames(forms.Form):
    """A person's name and job title, bounded as the model holds them, with the limit stated."""

    full_name = LineField(limit=150)
    job_title = LineField(limit=200, required=False)


class UserCreation(PersonNames, AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name", "job_title")


class UserChange(PersonNames, UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(GuardedDeletionMixin, BaseUserAdmin):
    form = UserChange
    add_form = UserCreation
    ordering = ["full_name"]
    list_display = ["full_name", "email", "job_title", "is_staff", "is_active"]
    list_filter = [
        "is_staff",
        "is_superuser",
        "is_records_officer",
        "is_active",
        "memberships__agency__kind",
    ]
    search_fields = ["full_name", "email", "job_title"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Person", {"fields": ("full_name", "job_title")}),
        ("Access", {"fields": ("is_active", "is_staff", "is_superuser", "is_records_officer")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    readonly_fields = ["last_login", "date_joined"]
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "email",
                    "full_name",
                    "job_title",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    inlines = [MembershipInline]
    actions = ["reset_second_factor"]

    def save_formset(self, request, form, formset, change) -> None:
        """Memberships go through the service so the agency groups stay in step."""
        _save_memberships(formset)

    @admin.action(description="Reset second factor", permissions=["reset_second_factor"])
    def reset_second_factor(self, request, queryset) -> None:
        """Delete the selected people's authenticators and backup codes (they lost them), each
        reset logged in audit; they set up a new one at their next sign-in."""
        people = list(queryset)
        for person in people:
            mfa.reset(actor=request.user, person=person)
        self.message_user(
            request,
            f"Second factor reset for {len(people)} "
            f"{'person' if len(people) == 1 else 'people'}: they set up a new one at next sign-in.",
            messages.SUCCESS,
        )

    def has_reset_second_factor_permission(self, request) -> bool:
        """Superusers, and staff who may delete authenticators and backup-code devices."""
        return request.user.has_perms(
            ["otp_totp.delete_totpdevice", "otp_static.delete_staticdevice"]
        )


class AgencyForm(forms.ModelForm):
    """An agency, its aliases typed one per line rather than as JSON."""

    name = LineField(limit=200)
    short_name = LineField(limit=30)
    aliases = TextField(
        limit=TEXT_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Other names documents and imported spreadsheets use for this agency, one per "
        "line (e.g. Met Police), each up to 200 characters. Imports match these, the name and "
        "the short name.",
    )

    class Meta:
        model = Agency
        fields = ["name", "short_name", "kind", "parent", "aliases"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["aliases"] = "\n".join(self.instance.aliases or [])

    def clean_aliases(self) -> list[str]:
        """One alias per non-empty line, each once."""
        lines = (" ".join(line.split()) for line in self.cleaned_data["aliases"].splitlines())
        aliases = list(dict.fromkeys(line for line in lines if line))
        if any(len(alias) > 200 for alias in aliases):
            raise forms.ValidationError("Each alias must be 200 characters or fewer.")
        return aliases


@admin.register(Agency)
class AgencyAdmin(GuardedDeletionMixin, admin.ModelAdmin):
    form = AgencyForm
    list_display = ["name", "short_name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "aliases"]
    autocomplete_fields = ["parent"]
    inlines = [MembershipInline]

    def save_model(self, request, obj, form, change) -> None:
        """A new agency gets its group before it is saved."""
        services.agency_ensure_group(agency=obj)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change) -> None:
        """Memberships go through the service so the agency groups stay in step."""
        _save_memberships(formset)


@admin.register(Membership)
class MembershipAdmin(GuardedDeletionMixin, admin.ModelAdmin):
    list_display = ["user", "agency", "role"]
    list_filter = ["role", "agency__kind"]
    search_fields = ["user__full_name", "user__email", "agency__name", "agency__short_name"]
    autocomplete_fields = ["user", "agency"]
    list_select_related = ["user", "agency"]

    def save_model(self, request, obj, form, change) -> None:
        """Through the service, so the person joins the agency's group."""
        if change and "agency" in form.changed_data:
            old = Membership.objects.get(pk=obj.pk)
            services.membership_remove(membership=old)
        services.membership_set(user=obj.user, agency=obj.agency, role=obj.role)

    def delete_model(self, request, obj) -> None:
        """Through the service, so the person leaves the agency's group."""
        services.membership_remove(membership=obj)

    def delete_queryset(self, request, queryset) -> None:
        """Bulk deletes also leave the groups."""
        for membership in queryset.select_related("user", "agency"):
            services.membership_remove(membership=membership)


def _save_memberships(formset) -> None:
    """Save an inline formset of memberships through the services."""
    if formset.model is not Membership:
        formset.save()
        return
    for form in formset.forms:
        if not form.cleaned_data or form in formset.deleted_forms:
            continue
        membership = form.instance
        if form.has_changed() and membership.pk and "agency" in form.changed_data:
            services.membership_remove(membership=Membership.objects.get(pk=membership.pk))
        if form.has_changed() or not membership.pk:
            services.membership_set(
                user=form.cleaned_data["user"],
                agency=form.cleaned_data["agency"],
                role=form.cleaned_data["role"],
            )
    for form in formset.deleted_forms:
        if form.instance.pk:
            services.membership_remove(membership=form.instance)
    # The admin's change message reads these after saving; without them saving an agency or a
    # person with its memberships inline answered with a 500.
    formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []


@login_not_required
def _sign_in_through_the_product(request: HttpRequest, extra_context=None) -> HttpResponse:
    """The admin's own sign-in form would skip the second factor: people sign in on the
    product's page (password, then code), which sends them back to the admin."""
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("admin:index")
    if request.user.is_authenticated:
        if request.user.is_active and request.user.is_staff:
            return redirect(target)
        # Signed in but not staff: the admin is not theirs (the sign-in page would send them
        # straight back here).
        raise PermissionDenied
    return redirect(f"{reverse('login')}?{urlencode({'next': target})}")


admin.site.login = _sign_in_through_the_product  # type: ignore[method-assign]

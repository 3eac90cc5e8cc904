"""Casework of the sociaal wijkteam in the database: households, cases, their own network,
assessments, the plan, meetings, referrals, consent and emergency access.

Special-category data (AVG art. 9). Every model here that holds a resident's data is reached only
through ``scoping``: its default manager refuses a query outside ``scope(viewer=...)`` (an
error, never a leak) and, inside one, returns only what that user may see. The pure core
(``casus.core``) knows none of these models.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wijkkracht.accounts.models import Organisation, Team

from .core.bsn import bsn_validator
from .scoping import CaseScopedManager

buurt_code_validator = RegexValidator(r"^BU\d{8}$", _("Enter a CBS buurt code such as "
                                                      "BU03920300."))
postcode_validator = RegexValidator(r"^[1-9]\d{3} ?[A-Z]{2}$", _("Enter a Dutch postcode such "
                                                                  "as 2021 AB."))


class CaseData(models.Model):
    """A model that holds a resident's data: its default manager is scoped (``scoping``), and
    ``unscoped`` is for services writing rows of a case already reached through the scope and
    for commands under ``scopes_disabled()``."""

    objects = CaseScopedManager()
    unscoped = models.Manager()

    class Meta:
        abstract = True
        base_manager_name = "unscoped"
        default_manager_name = "objects"


class CasePolicy(models.Model):
    """What a gemeente (or care organisation) decides for its teams' cases."""

    class AfterRetention(models.TextChoices):
        DELETE = "delete", _("delete")
        ANONYMISE = "anonymise", _("anonymise")

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE,
                                        related_name="case_policy",
                                        verbose_name=_("organisation"))
    bsn_enabled = models.BooleanField(
        _("record the BSN"), default=False,
        help_text=_("Only when the gemeente has a legal ground to process the citizen service "
                    "number in casework."))
    retention_days = models.PositiveIntegerField(
        _("retention after closure (days)"), default=730,
        validators=[MinValueValidator(1), MaxValueValidator(365 * 30)])
    after_retention = models.CharField(_("after the retention period"), max_length=10,
                                       choices=AfterRetention.choices,
                                       default=AfterRetention.DELETE)

    class Meta:
        verbose_name = _("case policy")
        verbose_name_plural = _("case policies")

    def __str__(self) -> str:
        return str(self.organisation)


class Household(CaseData):
    """The unit of "1 gezin, 1 plan": the people who live together, at one address."""

    household_path = "pk__"

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="households",
                             verbose_name=_("team"))
    name = models.CharField(_("name of the household"), max_length=120,
                            help_text=_("How the team refers to the household, e.g. "
                                        "'Huishouden Jansen'."))
    street = models.CharField(_("street"), max_length=120, blank=True)
    house_number = models.CharField(_("house number"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True,
                                validators=[postcode_validator])
    city = models.CharField(_("place"), max_length=80, blank=True)
    buurt_code = models.CharField(_("buurt"), max_length=10, blank=True,
                                  validators=[buurt_code_validator])
    wijk_code = models.CharField(_("wijk"), max_length=8, blank=True, editable=False)
    phone = models.CharField(_("telephone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta(CaseData.Meta):
        verbose_name = _("household")
        verbose_name_plural = _("households")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        # BU + gemeente (4) + wijk (2) + buurt (2): the wijk follows from the buurt's code.
        self.wijk_code = f"WK{self.buurt_code[2:8]}" if self.buurt_code else ""
        super().save(*args, **kwargs)


class Person(CaseData):
    """A member of a household: the minimum the team needs to know who is who."""

    household_path = "household__"

    class Relation(models.TextChoices):
        MAIN = "hoofdbewoner", _("main resident")
        PARTNER = "partner", _("partner")
        CHILD = "kind", _("child")
        PARENT = "ouder", _("parent")
        OTHER = "overig", _("other")

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="members",
                                  verbose_name=_("household"))
    given_name = models.CharField(_("given name"), max_length=80)
    family_name = models.CharField(_("family name"), max_length=120)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    relation = models.CharField(_("place in the household"), max_length=15,
                                choices=Relation.choices, default=Relation.MAIN)
    bsn = models.CharField(_("BSN"), max_length=9, blank=True, validators=[bsn_validator])
    phone = models.CharField(_("telephone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta(CaseData.Meta):
        ordering = ["pk"]
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}"


class Status(models.TextChoices):
    REGISTERED = "aangemeld", pgettext_lazy("case status", "registered")
    IN_PROGRESS = "in_behandeling", pgettext_lazy("case status", "in progress")
    MDO = "mdo", pgettext_lazy("case status", "multidisciplinary meeting")
    ESCALATED = "opgeschaald", pgettext_lazy("case status", "escalated")
    REFERRED = "doorverwezen", pgettext_lazy("case status", "referred")
    CLOSED = "afgesloten", pgettext_lazy("case status", "closed")


class SignalSource(models.TextChoices):
    RESIDENT = "bewoner", _("resident")
    GP = "huisarts", _("GP")
    DISTRICT_NURSE = "wijkverpleging", _("district nurse")
    SCHOOL = "school", _("school")
    POLICE = "politie", _("police")
    NEIGHBOUR = "buren", _("neighbour")
    HOUSING = "woningcorporatie", _("housing corporation")
    OTHER = "overig", _("other")


class Urgency(models.TextChoices):
    LOW = "laag", _("low")
    NORMAL = "normaal", _("normal")
    HIGH = "hoog", _("high")
    CRISIS = "crisis", _("crisis")


class Outcome(models.TextChoices):
    GOALS_MET = "doelen_bereikt", _("goals met")
    PARTLY_MET = "deels_bereikt", _("goals partly met")
    NOT_MET = "niet_bereikt", _("goals not met")
    HANDED_OVER = "overgedragen", _("handed over to other care")
    WITHDRAWN = "teruggetrokken", _("resident withdrew")
    MOVED = "verhuisd", _("moved away")
    DIED = "overleden", _("died")


class Case(CaseData):
    """One question for support of one household, from signal to closure.

    ``version`` is the optimistic lock: an update names the version it started from and fails
    when someone saved in between, so two professionals never silently overwrite each other.
    """

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="cases",
                             verbose_name=_("team"))
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="cases",
                                  verbose_name=_("household"))
    signal_source = models.CharField(_("signalled by"), max_length=20,
                                     choices=SignalSource.choices)
    signalled_on = models.DateField(_("signalled on"), default=dt.date.today)
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices,
                               default=Urgency.NORMAL)
    question = models.TextField(_("the question, in the resident's words"))
    question_behind = models.TextField(_("the question behind the question"), blank=True)
    lead = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                             blank=True, related_name="led_cases",
                             verbose_name=_("fixed contact person"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.REGISTERED)
    status_changed_at = models.DateTimeField(_("status since"), default=timezone.now)
    first_contact_on = models.DateField(_("first contact with the resident"), null=True,
                                        blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    closure_reason = models.TextField(_("reason for closing"), blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True,
                                         editable=False)
    # AVG art. 18: processing restricted at the resident's request; read-only for everyone but
    # the team's coordinator until lifted.
    restricted_at = models.DateTimeField(_("processing restricted since"), null=True,
                                         blank=True, editable=False)
    restricted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                      null=True, blank=True, related_name="+", editable=False)
    restriction_reason = models.TextField(_("reason for the restriction"), blank=True,
                                          editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta(CaseData.Meta):
        ordering = ["-signalled_on", "-pk"]
        indexes = [models.Index(fields=["team", "status", "-signalled_on"],
                                name="case_team_status_date"),
                   models.Index(fields=["closed_on"], name="case_closed_on"),
                   # The scope's "cases of my teams" as index-only scans (scoping.py).
                   models.Index(fields=["team", "id"], name="case_team_pk"),
                   models.Index(fields=["team", "household"], name="case_team_household")]
        constraints = [models.CheckConstraint(
            condition=Q(status="afgesloten", closed_on__isnull=False)
            | (~Q(status="afgesloten") & Q(closed_on__isnull=True)),
            name="case_closed_has_date")]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self) -> str:
        return f"{_('Case')} {self.pk}"

    @property
    def is_closed(self) -> bool:
        return self.status == Status.CLOSED

    @property
    def is_restricted(self) -> bool:
        return self.restricted_at is not None


class CaseMember(CaseData):
    """Someone added to a case: a team colleague on it, or a professional from elsewhere, who
    then sees this case (and no other) for the role given here."""

    case_path = "case__"

    class Role(models.TextChoices):
        WORKER = "uitvoerend", _("works on the case")
        READER = "meelezend", _("reads along")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="case_memberships", verbose_name=_("professional"))
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.WORKER)
    added_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                 null=True, blank=True, related_name="+")

    class Meta(CaseData.Meta):
        constraints = [models.UniqueConstraint(fields=["case", "user"],
                                               name="one_membership_per_case")]


class CaseEvent(CaseData):
    """The case's history: who changed what, when. ``changes`` maps a field to [old, new] as
    shown to people; it lives and dies with the case."""

    case_path = "case__"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             blank=True, related_name="+")
    kind = models.CharField(max_length=30)
    changes = models.JSONField(default=dict, blank=True)

    class Meta(CaseData.Meta):
        ordering = ["-at", "-pk"]


class StatusChange(CaseData):
    """Every move in the status workflow, with its date and who made it (for the feed, too)."""

    case_path = "case__"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                           blank=True, related_name="+")

    class Meta(CaseData.Meta):
        ordering = ["at", "pk"]


class NetworkMember(CaseData):
    """Someone in the resident's own network, and what they do or could do."""

    case_path = "case__"

    class Kind(models.TextChoices):
        FAMILY = "familie", _("family")
        FRIEND = "vriend", _("friend")
        NEIGHBOUR = "buur", _("neighbour")
        VOLUNTEER = "vrijwilliger", _("volunteer")
        PROFESSIONAL = "professional", _("professional")
        SERVICE = "voorziening", _("service or facility")

    class Tie(models.TextChoices):
        STRONG = "sterk", _("strong")
        WEAK = "zwak", _("weak")
        STRESSFUL = "belastend", _("stressful")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="network")
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    tie = models.CharField(_("tie"), max_length=10, choices=Tie.choices, default=Tie.STRONG)
    does = models.CharField(_("what they do now"), max_length=300, blank=True)
    could_do = models.CharField(_("what they could do"), max_length=300, blank=True)
    contact = models.CharField(_("contact"), max_length=120, blank=True)
    service_ref = models.CharField(_("service in the sociale kaart"), max_length=120,
                                   blank=True)

    class Meta(CaseData.Meta):
        ordering = ["kind", "name", "pk"]


# --- instruments (data, versioned) --------------------------------------------------------------

class Instrument(models.Model):
    """An assessment instrument as data: ZRM 2017 and Positieve Gezondheid ship with the
    product (names only); a gemeente may add its own (``organisation`` set)."""

    code = models.SlugField(_("code"), max_length=40)
    version = models.CharField(_("version"), max_length=20)
    name = models.CharField(_("name"), max_length=120)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, null=True,
                                     blank=True, related_name="instruments")
    scale_min = models.SmallIntegerField(_("lowest score"))
    scale_max = models.SmallIntegerField(_("highest score"))
    source = models.CharField(_("source"), max_length=300, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["code", "version", "organisation"],
                                               name="instrument_version_unique"),
                       models.CheckConstraint(condition=Q(scale_min__lt=models.F("scale_max")),
                                              name="instrument_scale_order")]
        ordering = ["name", "version"]

    def __str__(self) -> str:
        return f"{self.name} ({self.version})"


class InstrumentDomain(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="domains")
    code = models.SlugField(max_length=40)
    name = models.CharField(max_length=120)
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["instrument", "order"]
        constraints = [models.UniqueConstraint(fields=["instrument", "code"],
                                               name="domain_code_unique")]

    def __str__(self) -> str:
        return self.name


class InstrumentLevel(models.Model):
    """A named point of the scale (ZRM: 1 acute problematiek … 5 volledig zelfredzaam)."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="levels")
    value = models.SmallIntegerField()
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["instrument", "value"]
        constraints = [models.UniqueConstraint(fields=["instrument", "value"],
                                               name="level_value_unique")]


class LevelDescription(models.Model):
    """The criteria of one cell (domain x level): licensed text that a gemeente loads from its
    own copy, visible to its own teams only."""

    domain = models.ForeignKey(InstrumentDomain, on_delete=models.CASCADE,
                               related_name="descriptions")
    value = models.SmallIntegerField()
    text = models.TextField()
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="level_descriptions")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["domain", "value", "organisation"],
                                               name="level_description_unique")]


class Assessment(CaseData):
    """One instrument scored at one measurement moment of a case."""

    case_path = "case__"

    class Moment(models.TextChoices):
        INTAKE = "intake", _("intake")
        INTERIM = "tussentijds", _("interim")
        CLOSURE = "afsluiting", _("closure")
        FOLLOW_UP = "nameting", _("follow-up")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assessments")
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="+")
    moment = models.CharField(_("moment"), max_length=12, choices=Moment.choices)
    assessed_on = models.DateField(_("date"), default=dt.date.today)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                           blank=True, related_name="+")

    class Meta(CaseData.Meta):
        ordering = ["assessed_on", "pk"]


class Score(CaseData):
    case_path = "assessment__case__"

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    domain = models.ForeignKey(InstrumentDomain, on_delete=models.PROTECT, related_name="+")
    value = models.SmallIntegerField(_("score"))

    class Meta(CaseData.Meta):
        constraints = [models.UniqueConstraint(fields=["assessment", "domain"],
                                               name="one_score_per_domain")]


# --- plan, meetings, referrals, consent ---------------------------------------------------------

class Plan(CaseData):
    """The one plan of the household (one open case per household, one plan per case)."""

    case_path = "case__"

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="plan")
    agreed_on = models.DateField(_("agreed with the resident on"), null=True, blank=True)
    resident_view = models.TextField(_("what the resident says about the plan"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)


class Goal(CaseData):
    case_path = "plan__case__"

    class State(models.TextChoices):
        OPEN = "open", _("open")
        MET = "bereikt", _("met")
        NOT_MET = "niet_bereikt", _("not met")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    text = models.CharField(_("goal"), max_length=300)
    domain = models.ForeignKey(InstrumentDomain, on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="+", verbose_name=_("domain"))
    state = models.CharField(_("state"), max_length=12, choices=State.choices,
                             default=State.OPEN)

    class Meta(CaseData.Meta):
        ordering = ["pk"]


class PlanAction(CaseData):
    """Who does what, by when: the resident, the network, a volunteer or a professional."""

    case_path = "goal__plan__case__"

    class Who(models.TextChoices):
        RESIDENT = "bewoner", _("the resident")
        NETWORK = "netwerk", _("the own network")
        VOLUNTEER = "vrijwilliger", _("a volunteer")
        PROFESSIONAL = "professional", _("a professional")

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="actions")
    text = models.CharField(_("action"), max_length=300)
    who = models.CharField(_("who"), max_length=12, choices=Who.choices)
    who_name = models.CharField(_("name"), max_length=120, blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="plan_actions",
                              verbose_name=_("professional"))
    due_on = models.DateField(_("by"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta(CaseData.Meta):
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["owner", "done_on", "due_on"],
                                name="action_owner_open_due")]


class Consent(CaseData):
    """The resident's consent: to share what, with whom; from when, and withdrawn when."""

    case_path = "case__"

    class Purpose(models.TextChoices):
        SHARE = "delen", _("share information")
        REFER = "verwijzen", _("refer")
        MEETING = "overleg", _("discuss in a meeting")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, null=True, blank=True,
                               related_name="consents", verbose_name=_("given by"))
    purpose = models.CharField(_("for"), max_length=10, choices=Purpose.choices)
    recipient = models.CharField(_("with whom"), max_length=200)
    given_on = models.DateField(_("given on"), default=dt.date.today)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")

    class Meta(CaseData.Meta):
        ordering = ["-given_on", "pk"]

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None


class Meeting(CaseData):
    """An MDO or schakelteam meeting about the case, also at the resident's home."""

    case_path = "case__"

    class Kind(models.TextChoices):
        MDO = "mdo", _("multidisciplinary meeting (MDO)")
        SWITCH_TEAM = "schakelteam", _("schakelteam")
        BROAD_TEAM = "brede_hoed", _("broad team")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.MDO)
    held_on = models.DateField(_("date"))
    at_home = models.BooleanField(_("at the resident's home"), default=False)
    agenda = models.TextField(_("agenda"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True)
    resident_voice = models.TextField(_("the resident's own words"), blank=True)

    class Meta(CaseData.Meta):
        ordering = ["-held_on", "-pk"]


class MeetingParticipant(CaseData):
    case_path = "meeting__case__"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participants")
    name = models.CharField(_("name"), max_length=120)
    organisation = models.CharField(_("organisation"), max_length=120, blank=True)
    consent = models.ForeignKey(Consent, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name=_("consent"))

    class Meta(CaseData.Meta):
        ordering = ["pk"]


class Referral(CaseData):
    """A referral out (specialised care), an escalation to the broad team, or the way back."""

    case_path = "case__"

    class Kind(models.TextChoices):
        OUT = "verwijzing", _("referral to specialised care")
        ESCALATION = "opschaling", _("escalation to the broad team")
        BACK = "terug", _("back from the broad team")

    class Result(models.TextChoices):
        PENDING = "lopend", _("pending")
        ACCEPTED = "geaccepteerd", _("accepted")
        REFUSED = "afgewezen", _("refused")
        COMPLETED = "afgerond", _("completed")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    to_organisation = models.CharField(_("to"), max_length=200, blank=True)
    to_team = models.ForeignKey(Team, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name=_("to team"))
    reason = models.TextField(_("reason"))
    referred_on = models.DateField(_("date"), default=dt.date.today)
    consent = models.ForeignKey(Consent, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name=_("consent"))
    result = models.CharField(_("result"), max_length=12, choices=Result.choices,
                              default=Result.PENDING)
    result_on = models.DateField(_("result on"), null=True, blank=True)

    class Meta(CaseData.Meta):
        ordering = ["-referred_on", "-pk"]


class BreakGlass(models.Model):
    """Emergency access to one case by someone outside it, with a stated reason, for a few
    hours; logged and reported to the privacy officer (NEN 7513, "noodprocedure")."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="emergency_accesses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    reason = models.TextField(_("reason"))
    at = models.DateTimeField(default=timezone.now)
    until = models.DateTimeField()
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    review_note = models.TextField(_("the privacy officer's note"), blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["user", "until"], name="breakglass_user_until")]


class CaseDocument(CaseData):
    """A document added to the case (a letter, a report, a scan of a form). Kept in the
    database with the case, so it lives and dies with it; only PDF, ODT, DOCX, PNG and JPEG
    are accepted, recognised by their content, not their name."""

    case_path = "case__"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    name = models.CharField(_("file name"), max_length=150)
    description = models.CharField(_("description"), max_length=200, blank=True)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    content = models.BinaryField()
    uploaded_at = models.DateTimeField(default=timezone.now)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")

    class Meta(CaseData.Meta):
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

package dev.ordersaga.devstack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secured broker of devstack's {@code scram-tls} mode: TLS on every listener, a
 * SCRAM-SHA-512 user per service plus the {@code admin} super user, and KRaft's
 * {@code StandardAuthorizer} with the ACLs of {@link KafkaAccess} and nothing else
 * allowed.
 * <p>
 * Listeners: {@code SASL_SSL} on the bootstrap port (the services and the inter-broker
 * listener), {@code MTLS} (SSL with a client certificate required, the certificate's
 * {@code CN} is the principal, so the same ACLs apply) on its own port, and the KRaft
 * {@code CONTROLLER} listener as SSL with a client certificate (the broker's own; only it
 * may talk to the controller).
 * <p>
 * The TLS material is generated in memory at every creation with BouncyCastle: a CA whose
 * private key never leaves this JVM, the broker's certificate (SAN {@code 127.0.0.1},
 * {@code localhost}) and a client certificate per principal. The SCRAM passwords are
 * random and kept in {@code <kafka data>/security/scram-passwords.properties}
 * (owner-only), because the {@code admin} credential is written into the metadata log
 * when the storage is formatted; the service users are upserted through the admin API at
 * every start. Files in {@code security/}: {@code ca.crt} (PEM trust store),
 * {@code broker.p12}, {@code <principal>.p12} (client key stores),
 * {@code <service>-kafka.properties} (the Spring properties a service is started with,
 * imported through {@code spring.config.import} so that no password shows on a command
 * line or in a log), {@code admin-client.properties} and
 * {@code <principal>-mtls-client.properties} (for Kafka's command-line tools).
 */
public final class KafkaSecurity {

	/** Value of {@code devstack.kafka.security} that turns this mode on. */
	public static final String SCRAM_TLS = "scram-tls";

	public static final String MECHANISM = "SCRAM-SHA-512";

	/** The super user devstack provisions users and ACLs with. */
	public static final String ADMIN = "admin";

	/** CN of the broker's certificate; also its principal on the controller listener. */
	public static final String BROKER = "devstack-kafka-broker";

	/** Prefix of the Spring Cloud Stream Kafka binder's client properties. */
	public static final String BINDER_CONFIGURATION = "spring.cloud.stream.kafka.binder.configuration.";

	private static final Logger log = LoggerFactory.getLogger(KafkaSecurity.class);

	private static final int SCRAM_ITERATIONS = 4096;

	private static final Duration VALIDITY = Duration.ofDays(30);

	private static final String PASSWORDS = "scram-passwords.properties";

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final X500Name CA_NAME = new X500Name("CN=devstack Kafka CA");

	private final Path directory;

	private final int mtlsPort;

	private final Map<String, String> passwords;

	private final String storePassword;

	private final Path caCertificate;

	private final Path brokerKeyStore;

	private final Map<String, Path> clientKeyStores = new LinkedHashMap<>();

	private KafkaSecurity(Path directory, int mtlsPort, Map<String, String> passwords, String storePassword) {
		this.directory = directory;
		this.mtlsPort = mtlsPort;
		this.passwords = passwords;
		this.storePassword = storePassword;
		this.caCertificate = directory.resolve("ca.crt");
		this.brokerKeyStore = directory.resolve("broker.p12");
	}

	/**
	 * Whether {@code devstack.kafka.security} (or {@code DEVSTACK_KAFKA_SECURITY}) asks
	 * for the secured broker: {@code scram-tls}; empty or {@code plaintext} means no.
	 */
	public static boolean requested(Optional<String> setting) {
		String mode = setting.map(value -> value.toLowerCase(Locale.ROOT)).orElse("plaintext");
		return switch (mode) {
			case SCRAM_TLS -> true;
			case "plaintext", "none" -> false;
			default -> throw new IllegalArgumentException(
					"Unknown devstack.kafka.security '" + mode + "': use " + SCRAM_TLS + " or plaintext");
		};
	}

	/**
	 * The security of a broker whose data lives in {@code kafkaDirectory}: loads (or
	 * creates) the SCRAM passwords and generates fresh TLS material.
	 * @param mtlsPort port of the listener that authenticates clients by certificate
	 */
	public static KafkaSecurity scramTls(Path kafkaDirectory, int mtlsPort) {
		Path directory = kafkaDirectory.toAbsolutePath().resolve("security");
		try {
			Files.createDirectories(directory);
			KafkaSecurity security = new KafkaSecurity(directory, mtlsPort, loadOrCreatePasswords(directory),
					randomSecret());
			security.writeTlsMaterial();
			security.writeClientFiles();
			return security;
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot write the Kafka security material in " + directory, e);
		}
	}

	/** Every principal with a SCRAM user: {@code admin} and the services using Kafka. */
	public List<String> principals() {
		return List.copyOf(passwords.keySet());
	}

	public int mtlsPort() {
		return mtlsPort;
	}

	/** The PEM CA certificate the clients trust. */
	public Path caCertificate() {
		return caCertificate;
	}

	public Path directory() {
		return directory;
	}

	/**
	 * Broker properties on top of the plaintext ones: listeners, TLS, SCRAM and the
	 * authorizer.
	 */
	Map<String, String> brokerConfig(int port, int controllerPort) {
		Map<String, String> config = new LinkedHashMap<>();
		config.put("listeners", "SASL_SSL://127.0.0.1:" + port + ",MTLS://127.0.0.1:" + mtlsPort
				+ ",CONTROLLER://127.0.0.1:" + controllerPort);
		config.put("advertised.listeners", "SASL_SSL://127.0.0.1:" + port + ",MTLS://127.0.0.1:" + mtlsPort);
		config.put("listener.security.protocol.map", "SASL_SSL:SASL_SSL,MTLS:SSL,CONTROLLER:SSL");
		config.put("inter.broker.listener.name", "SASL_SSL");
		config.put("sasl.enabled.mechanisms", MECHANISM);
		config.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
		config.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", jaas(ADMIN));
		config.put("ssl.keystore.type", "PKCS12");
		config.put("ssl.keystore.location", brokerKeyStore.toString());
		config.put("ssl.keystore.password", storePassword);
		config.put("ssl.truststore.type", "PEM");
		config.put("ssl.truststore.location", caCertificate.toString());
		config.put("listener.name.mtls.ssl.client.auth", "required");
		config.put("listener.name.controller.ssl.client.auth", "required");
		// a certificate's CN is its principal: CN=payment-fn is User:payment-fn on every
		// SSL listener
		config.put("ssl.principal.mapping.rules", "RULE:^CN=([^,]+)$/$1/,DEFAULT");
		config.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
		config.put("super.users", "User:" + ADMIN + ";User:" + BROKER);
		config.put("allow.everyone.if.no.acl.found", "false");
		return config;
	}

	/**
	 * Arguments of Kafka's storage tool that put the {@code admin} SCRAM credential into
	 * the bootstrap metadata.
	 */
	List<String> formatArguments() {
		return List.of("--add-scram", MECHANISM + "=[name=" + ADMIN + ",password=" + passwords.get(ADMIN) + "]");
	}

	/**
	 * kafka-clients properties of a SCRAM client over TLS on the bootstrap port.
	 * @param principal {@code admin} or a service id
	 */
	public Map<String, Object> clientConfig(String principal) {
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("security.protocol", "SASL_SSL");
		config.put("sasl.mechanism", MECHANISM);
		config.put("sasl.jaas.config", jaas(principal));
		config.put("ssl.truststore.type", "PEM");
		config.put("ssl.truststore.location", caCertificate.toString());
		return config;
	}

	/**
	 * kafka-clients properties of a client that authenticates with the certificate of
	 * {@code principal} (mTLS) on {@link #mtlsPort()}; includes
	 * {@code bootstrap.servers}.
	 */
	public Map<String, Object> mtlsClientConfig(String principal) {
		Path keyStore = clientKeyStores.get(principal);
		if (keyStore == null) {
			throw new IllegalArgumentException("No client certificate for " + principal + ", known: " + principals());
		}
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("bootstrap.servers", "127.0.0.1:" + mtlsPort);
		config.put("security.protocol", "SSL");
		config.put("ssl.keystore.type", "PKCS12");
		config.put("ssl.keystore.location", keyStore.toString());
		config.put("ssl.keystore.password", storePassword);
		config.put("ssl.truststore.type", "PEM");
		config.put("ssl.truststore.location", caCertificate.toString());
		return config;
	}

	/**
	 * The file with the Spring properties {@code service} connects with (its own SCRAM
	 * user), for {@code spring.config.import}; empty for a service without Kafka.
	 */
	public Optional<Path> springProperties(SagaService service) {
		return KafkaAccess.of(service).map(access -> directory.resolve(service.id() + "-kafka.properties"));
	}

	/**
	 * Creates or updates the SCRAM user of every service and grants the ACLs of
	 * {@link KafkaAccess}; idempotent. {@code admin} must be connected as {@link #ADMIN}.
	 */
	void provision(Admin admin, Duration timeout) {
		List<UserScramCredentialAlteration> users = new ArrayList<>();
		List<AclBinding> acls = new ArrayList<>();
		for (SagaService service : SagaService.values()) {
			KafkaAccess.of(service).ifPresent(access -> {
				users.add(new UserScramCredentialUpsertion(access.principal(),
						new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS),
						passwords.get(access.principal())));
				acls.addAll(access.aclBindings());
			});
		}
		try {
			admin.alterUserScramCredentials(users).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			admin.createAcls(acls).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while provisioning the Kafka users", e);
		}
		catch (ExecutionException | TimeoutException e) {
			throw new IllegalStateException("Provisioning the Kafka users and ACLs failed: " + e, e);
		}
		log.info("Kafka: {} SCRAM users and {} ACLs provisioned", users.size(), acls.size());
	}

	private String jaas(String principal) {
		String password = passwords.get(principal);
		if (password == null) {
			throw new IllegalArgumentException("No SCRAM user " + principal + ", known: " + principals());
		}
		return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + principal
				+ "\" password=\"" + password + "\";";
	}

	private static Map<String, String> loadOrCreatePasswords(Path directory) throws IOException {
		Path file = directory.resolve(PASSWORDS);
		Properties stored = new Properties();
		if (Files.exists(file)) {
			try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
				stored.load(reader);
			}
		}
		Map<String, String> passwords = new LinkedHashMap<>();
		List<String> principals = new ArrayList<>(List.of(ADMIN));
		Arrays.stream(SagaService.values())
			.map(KafkaAccess::of)
			.flatMap(Optional::stream)
			.forEach(access -> principals.add(access.principal()));
		boolean added = false;
		for (String principal : principals) {
			String password = stored.getProperty(principal);
			if (password == null) {
				password = randomSecret();
				stored.setProperty(principal, password);
				added = true;
			}
			passwords.put(principal, password);
		}
		if (added) {
			writeOwnerOnly(file, stored, "SCRAM passwords of devstack's secured Kafka broker (kept with its data)");
		}
		return passwords;
	}

	private void writeTlsMaterial() throws IOException {
		try {
			Instant now = Instant.now();
			KeyPair caKeys = newKeyPair();
			X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(CA_NAME, serial(),
					java.util.Date.from(now.minus(Duration.ofHours(1))), java.util.Date.from(now.plus(VALIDITY)),
					CA_NAME, caKeys.getPublic());
			ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
			ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
			X509Certificate caCert = sign(ca, caKeys);
			try (JcaPEMWriter pem = new JcaPEMWriter(Files.newBufferedWriter(caCertificate, StandardCharsets.UTF_8))) {
				pem.writeObject(caCert);
			}
			writeKeyStore(brokerKeyStore, BROKER, caKeys, caCert, now, true);
			for (String principal : passwords.keySet()) {
				Path keyStore = directory.resolve(principal + ".p12");
				writeKeyStore(keyStore, principal, caKeys, caCert, now, false);
				clientKeyStores.put(principal, keyStore);
			}
		}
		catch (GeneralSecurityException | OperatorCreationException e) {
			throw new IllegalStateException("Cannot generate the Kafka TLS material", e);
		}
	}

	private void writeKeyStore(Path file, String commonName, KeyPair caKeys, X509Certificate caCert, Instant now,
			boolean server) throws GeneralSecurityException, OperatorCreationException, IOException {
		KeyPair keys = newKeyPair();
		X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(CA_NAME, serial(),
				java.util.Date.from(now.minus(Duration.ofHours(1))), java.util.Date.from(now.plus(VALIDITY)),
				new X500Name("CN=" + commonName), keys.getPublic());
		builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
		builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
		if (server) {
			builder.addExtension(Extension.subjectAlternativeName, false,
					new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
							new GeneralName(GeneralName.dNSName, "localhost"),
							new GeneralName(GeneralName.dNSName, hostName()) }));
		}
		X509Certificate certificate = sign(builder, caKeys);
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		store.setKeyEntry(commonName, keys.getPrivate(), storePassword.toCharArray(),
				new Certificate[] { certificate, caCert });
		try (OutputStream out = Files.newOutputStream(file)) {
			store.store(out, storePassword.toCharArray());
		}
		restrictToOwner(file);
	}

	private void writeClientFiles() throws IOException {
		for (SagaService service : SagaService.values()) {
			Optional<KafkaAccess> access = KafkaAccess.of(service);
			if (access.isEmpty()) {
				continue;
			}
			Properties spring = new Properties();
			clientConfig(access.get().principal())
				.forEach((key, value) -> spring.setProperty(BINDER_CONFIGURATION + key, value.toString()));
			writeOwnerOnly(springProperties(service).orElseThrow(), spring,
					"Kafka client security of " + service.id() + " (devstack scram-tls), for spring.config.import");
		}
		for (String principal : passwords.keySet()) {
			Properties tools = new Properties();
			clientConfig(principal).forEach((key, value) -> tools.setProperty(key, value.toString()));
			writeOwnerOnly(directory.resolve(principal + "-client.properties"), tools,
					"kafka-clients / command-line tools as " + principal + " over SASL_SSL");
			Properties mtls = new Properties();
			mtlsClientConfig(principal).forEach((key, value) -> mtls.setProperty(key, value.toString()));
			writeOwnerOnly(directory.resolve(principal + "-mtls-client.properties"), mtls,
					"kafka-clients / command-line tools as " + principal + " with its client certificate (mTLS)");
		}
	}

	private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
			throws OperatorCreationException, GeneralSecurityException {
		return new JcaX509CertificateConverter()
			.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
	}

	private static KeyPair newKeyPair() throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
		return generator.generateKeyPair();
	}

	private static BigInteger serial() {
		return new BigInteger(64, RANDOM);
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException e) {
			return "localhost";
		}
	}

	private static String randomSecret() {
		byte[] bytes = new byte[24];
		RANDOM.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	private static void writeOwnerOnly(Path file, Properties properties, String comment) throws IOException {
		try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			properties.store(writer, comment);
		}
		restrictToOwner(file);
	}

	private static void restrictToOwner(Path file) throws IOException {
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException notPosix) {
			// Windows: the user's profile directory is private already
		}
	}

}

package rnncourse.kernel.magic;

import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves Maven coordinates with their runtime dependencies, through Maven Resolver (the
 * library Maven itself uses), from the local repository and Maven Central.
 */
public final class MavenResolver {
    /** Maven Central. */
    public static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

    private final Path localRepository;
    private final List<RemoteRepository> remotes = new ArrayList<>();
    private RepositorySystem system;

    /**
     * @param localRepository where downloaded artifacts are kept (normally ~/.m2/repository)
     */
    public MavenResolver(Path localRepository) {
        this.localRepository = localRepository;
        remotes.add(new RemoteRepository.Builder("central", "default", CENTRAL).build());
    }

    /** @return the local repository Maven would use: {@code -Dmaven.repo.local} or ~/.m2/repository */
    public static Path defaultLocalRepository() {
        String configured = System.getProperty("maven.repo.local");
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /**
     * Adds a remote repository searched after those added before.
     *
     * @param id  a name for it
     * @param url its URL
     */
    public void addRepository(String id, String url) {
        remotes.add(new RemoteRepository.Builder(id, "default", url).build());
    }

    /** @return the remote repositories searched, in order, as "id url" */
    List<String> repositories() {
        return remotes.stream().map(r -> r.getId() + " " + r.getUrl()).toList();
    }

    /**
     * @param coordinates {@code groupId:artifactId[:extension[:classifier]]:version}
     * @return the artifact's file and those of its runtime dependencies, in class path order
     * @throws MagicException if the coordinates are malformed or resolution fails
     */
    public List<Path> resolve(String coordinates) throws MagicException {
        Artifact artifact;
        try {
            artifact = new DefaultArtifact(coordinates);
        } catch (IllegalArgumentException e) {
            throw new MagicException("'" + coordinates + "' is not Maven coordinates; expected groupId:artifactId:version,"
                    + " e.g. org.knowm.xchart:xchart:3.8.8");
        }
        RepositorySystem repositorySystem = system();
        DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
        session.setLocalRepositoryManager(repositorySystem.newLocalRepositoryManager(session,
                new LocalRepository(localRepository.toFile())));
        session.setSystemProperties(System.getProperties());
        CollectRequest collect = new CollectRequest(new Dependency(artifact, JavaScopes.RUNTIME), remotes);
        DependencyRequest request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
        try {
            List<Path> files = new ArrayList<>();
            for (ArtifactResult result : repositorySystem.resolveDependencies(session, request).getArtifactResults()) {
                files.add(result.getArtifact().getFile().toPath());
            }
            return files;
        } catch (DependencyResolutionException e) {
            throw new MagicException("could not resolve " + coordinates + ": " + rootMessage(e), e);
        }
    }

    private synchronized RepositorySystem system() {
        if (system == null) {
            system = new RepositorySystemSupplier().get();
        }
        return system;
    }

    private static String rootMessage(Throwable e) {
        String message = e.getMessage();
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message;
    }
}
